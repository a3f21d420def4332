// expect: Error: got a Proxy
module.exports = () => new Proxy({}, { get() { for (;;) {} }, getOwnPropertyDescriptor() { for (;;) {} } });
