// expect: Error: out of memory
// budget-ms: 15000 (filling the memory limit can take seconds on a loaded machine)
// Each value is big enough that the limit is reached in well under a second; a Map of
// small objects would instead thrash the GC near its heap cap and end by either limit.
module.exports = () => { const m = new Map(); for (let i = 0; ; i++) m.set(i, new Array(1e5).fill(i)); };
