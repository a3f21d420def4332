// expect: Error: time limit exceeded
module.exports = () => { for (;;) {} };
