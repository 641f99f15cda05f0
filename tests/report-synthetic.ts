// Synthetic reports for the report tests, and hostile text they must show literally.
export { syntheticReport } from '../src/report/synthetic.js';

/** Text a report must show literally: markup, template syntax, scripts in several scripts and directions. */
export const HOSTILE = {
  script: '<script>document.title="pwned";fetch("http://127.0.0.1:9/x")</script>',
  img: '<img src=x onerror=alert(2)>',
  iframe: '<iframe src="file:///etc/passwd"></iframe>',
  link: '<link rel="stylesheet" href="http://127.0.0.1:9/evil.css">',
  style: '</style></title><h1>breakout</h1>',
  template: '{{constructor.constructor("alert(1)")()}} ${7*7} <%= 7*7 %>',
  arabic: 'يخضع هذا العقد لقوانين دولة الإمارات العربية المتحدة',
  hebrew: 'הסכם זה כפוף לדיני מדינת ישראל',
  cjk: '本协议受中华人民共和国法律管辖。甲方应在三十日内付款。',
  rlo: 'invoice\u202Efdp.exe',
};
