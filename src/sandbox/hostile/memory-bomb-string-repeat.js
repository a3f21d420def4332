// expect: Error: (out of memory|RangeError|InternalError)
// repeat() makes a rope; toUpperCase() forces a real 64 MiB copy every time.
module.exports = () => { const parts = []; for (;;) parts.push(("y".repeat(2 ** 26) + parts.length).toUpperCase()); };
