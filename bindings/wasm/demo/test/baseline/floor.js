// What any page costs a fresh browser context before its script can do anything: the floor
// under the engine alone and the page (test/browser.mjs, the timing step).
performance.mark("chime:first-score");
document.body.classList.add("ready");
