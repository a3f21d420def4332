// expect: Error: (out of memory|RangeError|InternalError)
// budget-ms: 15000 (filling the memory limit can take seconds on a loaded machine)
// repeat() makes a rope; toUpperCase() forces a real 64 MiB copy every time.
module.exports = () => { const parts = []; for (;;) parts.push(("y".repeat(2 ** 26) + parts.length).toUpperCase()); };
