// The static server answers on 127.0.0.1 and localhost: two origins. Pages loaded from one take
// their "CDN" pictures from the other, as sites serve setup QR codes from an API or CDN host.
window.otherOrigin = (path) =>
  `${location.protocol}//${location.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${location.port}/${path}`;
