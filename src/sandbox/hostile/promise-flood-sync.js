// expect: Error: promise flood: more than 200000 promise callbacks queued
module.exports = () => { for (let i = 0; ; i++) Promise.resolve(i).then(() => i); };
