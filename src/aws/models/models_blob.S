/* The packed AWS models (build_models.py + pack_models), embedded in the binary. */
    .section .rodata
    .global signet_models_blob
    .global signet_models_blob_end
    .balign 16
signet_models_blob:
    .incbin SIGNET_MODELS_BIN
signet_models_blob_end:
    .byte 0
    .section .note.GNU-stack,"",@progbits
