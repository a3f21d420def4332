# signet_embed_text(TARGET SYMBOL FILE): compiles FILE's text into TARGET as
#   extern const char SYMBOL[];   (NUL-terminated)
# so data files (policies, catalogs, built-in signatures) ship inside the binary.
function(signet_embed_text target symbol file)
  get_filename_component(abs "${file}" ABSOLUTE)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_${symbol}.S")
  file(WRITE "${out}.tmp" "    .section .rodata\n    .global ${symbol}\n    .balign 16\n${symbol}:\n    .incbin \"${abs}\"\n    .byte 0\n    .section .note.GNU-stack,\"\",@progbits\n")
  configure_file("${out}.tmp" "${out}" COPYONLY)
  set_source_files_properties("${out}" PROPERTIES OBJECT_DEPENDS "${abs}")
  target_sources(${target} PRIVATE "${out}")
endfunction()
