// expect: Error: (out of memory|RangeError|InternalError)
// budget-ms: 15000 (filling the memory limit can take seconds on a loaded machine)
module.exports = () => { let s = "x"; for (;;) s += s; };
