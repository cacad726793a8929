extension CareServices {
    /// Population risk runs (`tend risk run`).
    public var riskRuns: RiskRunService { RiskRunService(environment: environment) }
    /// Reading risk results: the population page and the JSON API.
    public var risk: RiskViewService { RiskViewService(environment: environment) }
}
