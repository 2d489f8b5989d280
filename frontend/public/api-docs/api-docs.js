// Renders one service's OpenAPI document (?spec=/api/<service>/openapi.json) with Swagger UI. Only this origin's
// service documents are accepted, so the page cannot be pointed at someone else's document.
(function () {
  var spec = new URLSearchParams(window.location.search).get('spec') || '/api/users/openapi.json';
  if (!/^\/api\/[a-z][a-z-]*\/openapi\.json$/.test(spec)) spec = '/api/users/openapi.json';
  // operation names are what generated clients call their methods, so they are shown beside each path
  window.SwaggerUIBundle({ url: spec, dom_id: '#swagger-ui', deepLinking: true, displayOperationId: true, filter: true });
})();
