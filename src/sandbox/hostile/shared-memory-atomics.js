// expect: Error: ReferenceError: (Atomics|SharedArrayBuffer) is not defined
module.exports = () => { Atomics; return { statusSig: !!new SharedArrayBuffer(8) }; };
