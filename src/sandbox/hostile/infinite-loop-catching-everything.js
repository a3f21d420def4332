// expect: Error: time limit exceeded
module.exports = () => { for (;;) { try { for (;;) {} } catch (e) {} finally { continue; } } };
