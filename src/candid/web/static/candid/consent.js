// Cookie banner behaviour. Third-party scripts are inert until their category is granted:
// none is in the page's HTML until then, and this file adds them only after consent.
(function () {
  "use strict";
  var configNode = document.getElementById("candid-consent-config");
  var banner = document.getElementById("cookie-banner");
  if (!configNode || !banner) { return; }
  var config = JSON.parse(configNode.textContent);
  var form = banner.querySelector("form");

  function loadScripts(granted) {
    config.categories.forEach(function (category) {
      if (granted.indexOf(category.key) === -1) { return; }
      category.scripts.forEach(function (src) {
        if (document.querySelector('script[data-candid-src="' + CSS.escape(src) + '"]')) { return; }
        var script = document.createElement("script");
        script.src = src;
        script.async = true;
        script.dataset.candidSrc = src;
        document.head.appendChild(script);
      });
    });
  }

  function expire(name) {
    var host = location.hostname;
    var domains = ["", host, "." + host];
    var parts = host.split(".");
    if (parts.length > 2) { domains.push("." + parts.slice(-2).join(".")); }
    domains.forEach(function (domain) {
      document.cookie = name + "=; Max-Age=0; path=/" + (domain ? "; domain=" + domain : "");
    });
  }

  function removeCookies(patterns) {
    var present = document.cookie.split(";").map(function (c) { return c.split("=")[0].trim(); });
    patterns.forEach(function (pattern) {
      present.forEach(function (name) {
        var wildcard = pattern.slice(-1) === "*";
        if (wildcard ? name.indexOf(pattern.slice(0, -1)) === 0 : name === pattern) { expire(name); }
      });
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = new FormData(form);
    body.set("choice", event.submitter ? event.submitter.value : "save");
    if (navigator.globalPrivacyControl === true) { body.set("gpc", "1"); }
    fetch(form.action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: {"Accept": "application/json"}
    }).then(function (response) {
      if (!response.ok) { throw new Error("cookie choice not saved"); }
      return response.json();
    }).then(function (result) {
      removeCookies(result.remove_cookies);
      loadScripts(result.granted);
      banner.hidden = true;
      document.dispatchEvent(new CustomEvent("candid:consent", {detail: result}));
    }).catch(function () { form.submit(); });
  });

  document.querySelectorAll("[data-cookie-settings]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      banner.hidden = false;
      banner.querySelector("button").focus();
    });
  });

  if (navigator.globalPrivacyControl === true && !config.gpc) {
    // The header already tells the server; this covers browsers that only expose the JS signal.
    var body = new FormData(form);
    body.set("choice", "gpc");
    body.set("gpc", "1");
    fetch(form.action, {method: "POST", body: body, credentials: "same-origin",
      headers: {"Accept": "application/json"}});
  }
})();
