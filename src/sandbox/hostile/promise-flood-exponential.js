// expect: Error: (time limit exceeded|out of memory)
module.exports = () => { const f = () => { Promise.resolve().then(f); Promise.resolve().then(f); }; f(); return new Promise(() => {}); };
