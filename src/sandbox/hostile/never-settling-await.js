// expect: Error: .*never settles
module.exports = async () => { await new Promise(() => {}); return { statusSig: true }; };
