package io.beacon.profiles.campaigns;

import java.util.List;

/** A version of the audiences and campaigns that was refused as a whole, with every reason. */
public class CampaignsRefusedException extends RuntimeException {

    private final transient List<CampaignProblem> problems;

    public CampaignsRefusedException(List<CampaignProblem> problems) {
        super(problems.size() + " problem(s): " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<CampaignProblem> problems() {
        return problems;
    }
}
