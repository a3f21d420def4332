// expect: Error: promise flood: more than 200000 promise callbacks queued
// budget-ms: 15000 (the flood cap, not the clock, must end it on a slow or loaded machine)
module.exports = () => { const f = () => { Promise.resolve().then(f); Promise.resolve().then(f); }; f(); return new Promise(() => {}); };
