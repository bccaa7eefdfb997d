import { loadLevel, pts } from './format.ts';
import type { SprintBoardT } from './sprints-api.ts';

/**
 * Load beside forecast as one bar: the fill is what the sprint holds, the mark is the forecast
 * (median completed points of the last 3–5 closed sprints, scaled by this sprint's capacity).
 */
export function ForecastMeter({ board }: { board: SprintBoardT }) {
  const { loadPoints, forecast, unestimated } = board;
  const level = loadLevel(loadPoints, forecast.points);
  const max = Math.max(loadPoints, forecast.points ?? 0, 1) * 1.15;
  const fill = Math.min(100, (loadPoints / max) * 100);
  const mark = forecast.points === null ? null : (forecast.points / max) * 100;
  const label =
    forecast.points === null
      ? `Load ${pts(loadPoints)} points; no forecast yet`
      : `Load ${pts(loadPoints)} of a forecast ${pts(forecast.points)} points`;
  return (
    <section className="card meter" data-level={level} aria-label="Load against forecast">
      <div className="meter-figures">
        <span>
          Load <strong data-testid="load-points">{pts(loadPoints)}</strong> pts
        </span>
        <span>
          Forecast <strong data-testid="forecast-points">{pts(forecast.points)}</strong>
          {forecast.points !== null && ' pts'}
        </span>
        {forecast.medianVelocity !== null && (
          <span title="Median completed points of the last closed sprints">
            Median velocity {pts(forecast.medianVelocity)} over {forecast.sprintsUsed} sprints
            {forecast.capacityFactor !== 1 && ` × capacity ${Math.round(forecast.capacityFactor * 100)}%`}
          </span>
        )}
        {unestimated > 0 && (
          <span className="badge badge-warning">{unestimated} not estimated (counted as 0)</span>
        )}
        {level === 'over' && <span className="badge badge-warning">Above forecast</span>}
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: <meter> cannot draw the forecast mark */}
      <div
        className="meter-track"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={Math.round(max)}
        aria-valuenow={loadPoints}
        aria-valuetext={label}
      >
        <div className="meter-fill" style={{ width: `${fill}%` }} />
        {mark !== null && (
          <div className="meter-mark" style={{ left: `calc(${mark}% - 1px)` }} title="Forecast" />
        )}
      </div>
      {forecast.note && (
        <span className="muted" style={{ fontSize: 'var(--text-sm)' }}>
          {forecast.note}
        </span>
      )}
    </section>
  );
}
