// expect: Error: uncaught exception
module.exports = () => { throw new Proxy({}, { get() { for (;;) {} } }); };
