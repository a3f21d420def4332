// expect: Error: promise flood: more than 200000 promise callbacks queued
module.exports = () => { const f = () => { Promise.resolve().then(f); Promise.resolve().then(f); }; f(); return new Promise(() => {}); };
