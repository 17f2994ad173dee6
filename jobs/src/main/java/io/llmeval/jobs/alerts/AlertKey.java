package io.llmeval.jobs.alerts;

/** What an incident is tracked for: one alert rule on one (model, route). */
public record AlertKey(String alert, String model, String route) {}
