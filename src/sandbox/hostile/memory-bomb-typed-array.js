// expect: Error: (out of memory|RangeError)
// budget-ms: 15000 (filling the memory limit can take seconds on a loaded machine)
module.exports = () => ({ statusSig: new Uint8Array(2 ** 31).length > 0 });
