// expect: Error: ReferenceError: WebAssembly is not defined
module.exports = async () => ({ statusSig: !!(await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))) });
