import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import { useEffect, useRef } from 'react';

// Only what the bulletin draws is registered, so the rest of Chart.js is shaken out of this chunk; this module is
// imported by the bulletin's lazy chunk alone (the kiosk's first paint never holds it: bench/bundle-size.ts).
Chart.register(LineController, LineElement, PointElement, BarController, BarElement, DoughnutController, ArcElement, CategoryScale, LinearScale, Tooltip, Legend);

/** Marks the canvas once Chart.js has drawn it: the e2e test and the bench wait for this, never for time. */
const drawnMark: Plugin = {
  id: 'drawnMark',
  afterRender(chart) {
    chart.canvas.dataset.drawn = 'true';
  },
};

/**
 * Print: the page is laid out again at A4 width, so each chart is resized to its new box before the page is
 * printed (beforeprint, and the print media query for a PDF made without the dialog) and back afterwards.
 */
function resizeAll() {
  for (const chart of Object.values(Chart.instances)) chart.resize();
}
let printWatch = false;
function watchPrint() {
  if (printWatch) return;
  printWatch = true;
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);
  window.matchMedia('print').addEventListener('change', resizeAll);
}

/** One chart on a canvas; its figures are also in the table beside it, so the canvas is an image with a name. */
export default function ChartCanvas({ config, label, testId }: { config: ChartConfiguration; label: string; testId: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    watchPrint();
    const chart = new Chart(canvas.current!, {
      ...config,
      options: { ...config.options, animation: false, responsive: true, maintainAspectRatio: false, devicePixelRatio: Math.max(2, window.devicePixelRatio) },
      plugins: [...(config.plugins ?? []), drawnMark],
    });
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="bulletin-chart">
      <canvas ref={canvas} role="img" aria-label={label} data-testid={testId} />
    </div>
  );
}
