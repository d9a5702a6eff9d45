// Reads an invitation's QR code from the phone's camera on the site console. The browser's own
// BarcodeDetector where it reads QR codes (Android, ChromeOS, macOS), otherwise jsQR (npm, restored
// by the build into lib/). What it reads goes to the server like a USB scanner's typing: the
// server verifies the signature, the meeting and the site.

let jsQR;
let current = null;

async function decoder() {
  if ('BarcodeDetector' in window) {
    try {
      if ((await BarcodeDetector.getSupportedFormats()).includes('qr_code')) {
        const detector = new BarcodeDetector({ formats: ['qr_code'] });
        return async video => (await detector.detect(video))[0]?.rawValue;
      }
    } catch { /* fall back to jsQR */ }
  }

  jsQR ??= await new Promise((resolve, reject) => {
    if (window.jsQR) return resolve(window.jsQR);
    const script = document.createElement('script');
    script.src = 'lib/jsqr/jsQR.js';
    script.onload = () => resolve(window.jsQR);
    script.onerror = reject;
    document.head.append(script);
  });
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return async video => {
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0);
    return jsQR(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height, { inversionAttempts: 'dontInvert' })?.data;
  };
}

/** Opens the back camera into `video` and calls `component.invokeMethodAsync('CameraRead', code)` for each new code read; 'ok', 'denied' or 'unavailable'. */
export async function start(video, component) {
  stop();
  const scanner = { stopped: false, stream: null, last: null };
  try {
    scanner.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch (error) {
    return error?.name === 'NotAllowedError' ? 'denied' : 'unavailable';
  }

  video.srcObject = scanner.stream;
  video.setAttribute('playsinline', '');
  await video.play();
  const read = await decoder();
  const loop = async () => {
    if (scanner.stopped) return;
    if (video.readyState >= 2) {
      try {
        const code = await read(video);
        // The same invitation held in front of the camera is sent once, not at every frame.
        if (code && code !== scanner.last) {
          scanner.last = code;
          await component.invokeMethodAsync('CameraRead', code);
        }
      } catch { /* a frame that could not be read */ }
    }
    setTimeout(loop, 200);
  };
  loop();
  scanner.stop = () => {
    scanner.stopped = true;
    scanner.stream?.getTracks().forEach(t => t.stop());
    video.srcObject = null;
  };
  current = scanner;
  return 'ok';
}

export function stop() {
  current?.stop?.();
  current = null;
}
