// expect: Error: (out of memory|time limit exceeded)
module.exports = () => { const m = new Map(); for (let i = 0; ; i++) m.set(i, { i, pad: [i, i, i, i] }); };
