// expect: Error: (out of memory|RangeError)
module.exports = () => ({ statusSig: new Uint8Array(2 ** 31).length > 0 });
