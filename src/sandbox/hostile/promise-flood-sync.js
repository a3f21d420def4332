// expect: Error: promise flood: more than 200000 promise callbacks queued
// budget-ms: 15000 (the flood cap, not the clock, must end it on a slow or loaded machine)
module.exports = () => { for (let i = 0; ; i++) Promise.resolve(i).then(() => i); };
