// expect: Error: time limit exceeded
module.exports = () => { const f = () => Promise.resolve().then(f); f(); return new Promise(() => {}); };
