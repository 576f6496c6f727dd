/** Public API of optimizer/monitor: trend and anomaly detection on the router's closed rewards. */
export { monitorRewards, recommend, anomalyEpisodes, DEFAULT_MONITOR_OPTIONS, MIN_TREND_BUCKETS } from './recommend.js';
export type { AnomalyEpisode, MonitorOptions, MonitorReport, MonitorTrend, RecommendInput } from './recommend.js';
export { bucketSeries, chooseBucketMs, BUCKET_WIDTHS_MS, MIN_AUTO_BUCKETS } from './bucket-series.js';
export type { BucketOptions, BucketSeries } from './bucket-series.js';
export { detectTrend, mannKendall, theilSen, tieGroups, DEFAULT_TREND_OPTIONS, EXACT_BELOW } from './trend.js';
export type { MannKendallResult, TheilSenResult, TrendOptions, TrendResult } from './trend.js';
export { exactMannKendallP, inversionCounts } from './kendall-exact.js';
export { armDrops, bucketAnomalies, DEFAULT_ARM_DROP_OPTIONS, DEFAULT_BUCKET_ANOMALY_OPTIONS } from './anomaly.js';
export type { ArmDropOptions, ArmReport, ArmWindows, BucketAnomaly, BucketAnomalyOptions } from './anomaly.js';
export { contrastTest, studentTUpperTail, welchTest, regularizedBeta } from './student-t.js';
export type { ContrastResult, SampleSummary } from './student-t.js';
export { formatDuration, formatP, formatReward, formatUtc } from './format.js';
export type { BucketStat, RewardPoint } from './notation.js';
export { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from './notation.js';
