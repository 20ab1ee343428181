// Scripted org setup: `cgx plan`, `cgx apply`, `cgx export`.
export {planSetup} from './plan.js'
export {applySetup, type ApplyRequest, type ApplyResult} from './apply.js'
export {exportSetup, type ExportRequest, type ExportResult} from './export.js'
export {preparePlan, type Prepared, type SetupRequest} from './prepare.js'
export {readLiveState, type ReadLiveOptions} from './live.js'
export {routeAllowlists, type AllowlistAccess} from './allowlists.js'
export {hasChanges, PLAN_FORMAT_VERSION, type Action, type Change, type Plan, type PlanSummary} from '../../domain/setup/plan.js'
