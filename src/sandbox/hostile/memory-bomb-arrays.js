// expect: Error: out of memory
module.exports = () => { const a = []; for (;;) a.push(new Array(1e6).fill(1.5)); };
