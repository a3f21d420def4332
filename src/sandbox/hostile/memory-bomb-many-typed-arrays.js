// expect: Error: out of memory
// budget-ms: 15000 (filling the memory limit can take seconds on a loaded machine)
module.exports = () => { const a = []; for (;;) a.push(new Float64Array(1 << 20).fill(1)); };
