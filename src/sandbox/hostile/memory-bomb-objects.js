// expect: Error: out of memory
// budget-ms: 15000 (filling the memory limit can take seconds on a loaded machine)
// Big values, for the same reason as memory-bomb-map.js.
module.exports = () => { const o = {}; for (let i = 0; ; i++) o["key" + i] = new Array(1e5).fill(i + 0.5); };
