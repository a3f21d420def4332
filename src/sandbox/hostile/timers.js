// expect: Error: ReferenceError: setTimeout is not defined
module.exports = () => new Promise((r) => setTimeout(() => r({ statusSig: true }), 10));
