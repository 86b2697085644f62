/* The stopwatch Rodinia's CUDA programs take from the CUDA samples' helper_timer.h (no longer shipped): wall time
 * in milliseconds, averaged over the start/stop intervals, as the samples' version reports it. */
#ifndef RODINIA_COMPAT_HELPER_TIMER_H
#define RODINIA_COMPAT_HELPER_TIMER_H
#include <stdlib.h>
#include <time.h>

typedef struct {
    double started_ms;
    double total_ms;
    int intervals;
} StopWatchInterface;

static inline double rodinia_now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

static inline bool sdkCreateTimer(StopWatchInterface **timer)
{
    *timer = (StopWatchInterface *)calloc(1, sizeof **timer);
    return *timer != NULL;
}

static inline bool sdkStartTimer(StopWatchInterface **timer) { (*timer)->started_ms = rodinia_now_ms(); return true; }

static inline bool sdkStopTimer(StopWatchInterface **timer)
{
    (*timer)->total_ms += rodinia_now_ms() - (*timer)->started_ms;
    (*timer)->intervals++;
    return true;
}

static inline float sdkGetAverageTimerValue(StopWatchInterface **timer)
{
    return (*timer)->intervals ? (float)((*timer)->total_ms / (*timer)->intervals) : 0.0f;
}

static inline bool sdkDeleteTimer(StopWatchInterface **timer) { free(*timer); *timer = NULL; return true; }
#endif
