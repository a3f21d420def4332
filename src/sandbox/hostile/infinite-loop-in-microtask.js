// expect: Error: time limit exceeded
module.exports = () => Promise.resolve().then(() => { for (;;) {} });
