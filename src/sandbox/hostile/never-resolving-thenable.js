// expect: Error: .*never settles
module.exports = () => ({ then() {} });
