// How messages name a container lives in core's workload model.
