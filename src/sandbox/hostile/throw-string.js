// expect: Error: ^uncaught exception: oops \(
module.exports = () => { throw "oops"; };
