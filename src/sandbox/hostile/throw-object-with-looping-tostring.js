// expect: Error: uncaught exception
module.exports = () => { throw { toString() { for (;;) {} } }; };
