// expect: Error
module.exports = async () => { const fs = await import("fs"); return { statusSig: !!fs }; };
