// expect: Error: .*never settles
module.exports = () => new Promise(() => {});
