// Jest loads tests as CommonJS, and on Node 22 it cannot require ES modules; a few dependencies ship only as ES
// modules (otplib's hash and base32 libraries), so jest turns those into CommonJS with esbuild.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code } = transformSync(source, { format: 'cjs', loader: 'js', target: 'node22', sourcefile: filename });
    return { code };
  },
};
