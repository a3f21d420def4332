// expect: Error: time limit exceeded
module.exports = async () => { for await (const x of (async function* () { for (;;) yield 1; })()) {} };
