// expect: Error: time limit exceeded
module.exports = () => { try { for (;;) {} } finally { for (;;) {} } };
