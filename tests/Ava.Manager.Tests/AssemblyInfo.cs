// The tests start managers, workers and network namespaces: one at a time keeps them from competing for ports and CPUs.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
