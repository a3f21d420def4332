// expect: Error: out of memory
module.exports = () => { const a = []; for (;;) a.push(new Float64Array(1 << 20).fill(1)); };
