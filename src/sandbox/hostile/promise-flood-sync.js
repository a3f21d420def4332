// expect: Error: (time limit exceeded|out of memory)
module.exports = () => { for (let i = 0; ; i++) Promise.resolve(i).then(() => i); };
