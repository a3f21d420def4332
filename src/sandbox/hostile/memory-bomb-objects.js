// expect: Error: (out of memory|time limit exceeded)
module.exports = () => { const o = {}; for (let i = 0; ; i++) o["key" + i] = { i, s: "v" + i }; };
