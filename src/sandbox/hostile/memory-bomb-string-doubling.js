// expect: Error: (out of memory|RangeError|InternalError)
module.exports = () => { let s = "x"; for (;;) s += s; };
