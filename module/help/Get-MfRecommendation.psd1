@{
    Synopsis    = 'Recommends the top-N artists for users of a model, or for a new listener folded in from play counts.'
    Description = @'
For each user, every artist is scored by the model (r̂(u,a) = μ + b_u + b_a + p_u·q_a, or p_u·q_a without biases,
on the model's target scale) with SIMD dot products, and the best -Top are picked by partial selection (a size-N
heap, never a full sort). The candidates are the artists the user has not listened to in the training data (the
model's Listened); -IncludeListened keeps those too, and marks them with Listened = $true. Ties go to the lower
artist index, so the output is the same on every run and for every thread count (users are scored in parallel).

Users come from -UserId or the pipeline, by value (2, 3 | Get-MfRecommendation -Model $run) or by a UserId property
(Import-Csv users.csv | Get-MfRecommendation -Model $run). With no user given at all, every user of the model is
recommended for. An unknown user id is a non-terminating error (ErrorId UnknownUserId, the id as target) and the
rest of the pipeline goes on.

One row per recommendation: UserId, Rank (1 = best), ArtistId, ArtistName, Score (r̂ on the model's target
scale), Tags (the artist's three most used tags in the training data, joined by "; "), Listened and Because. The
rows are flat, so they pipe straight into Export-Csv.

-Explain fills Because. Definition: for a recommended artist a and the listener's history H (the training
listens, or the -Listens of a new listener) with play counts w_j, the support of a listened artist j is
support(j) = cos(q_j, q_a) · ln(1 + w_j), the cosine similarity of the two artists' embeddings weighted by the log
of the listener's plays of j. The listened artists with the highest positive support (at most -ExplainCount, highest
first, ties to the lower index) are shown as "because you listen to A, B, C". Artists with a zero embedding, and
listened artists pointing away from the recommendation (cosine ≤ 0), give no support; when none supports it,
Because is empty.

-Listens folds in a new listener without retraining. The keys are artist names (matched like Get-MfSimilarArtist:
case-insensitive, an exact name first, else an id, else a unique substring) or ids; the values are play counts.
With the artist factors q_a and biases b_a fixed, the listener's vector p and bias b minimise
Σ_{a∈L} (r_a − μ − b_a − b − p·q_a)² + λ‖p‖² + λ_bu b² (+ the gravity term λ_g (|Ω|/(MN)) pᵀ(QᵀQ)p when the run used
gravity), where r_a is the model's transform of the play count (ln(1 + plays) by default). This regularised least
squares problem is solved exactly as the (k+1)×(k+1) system (ZᵀZ + Λ)x = Zᵀy by Cholesky decomposition
(MathNet.Numerics); without biases only p is solved, from QᵀQ + λI. λ, λ_bu and λ_g are the run's when -Model is a
TrainingRun, else the defaults (10, 1, 0); -Regularization overrides λ. The solver is chosen by the run's objective,
so ranking objectives can bring their own exact fold-in. An unknown or ambiguous artist is a non-terminating error
(UnknownArtist, AmbiguousArtist) naming the key, and the rest are used; NoKnownListens stops the command when no
entry is usable. A folded-in listener's rows have an empty UserId.

Light listeners: a listener with at most 10 known listens (a user of the model with at most 10 training listens, or a
-Listens listener with at most 10 artists) is ranked by the cold-start blend s(a) = z(model)(a) + w_f·z(friends)(a) +
w_t·z(tags)(a) + w_v·z(taste)(a), where each signal is standardised over all artists for the listener (z(x) = (x − mean)/sd):
friends(a) is the share of the listener's friends (user_friends.dat, or -Friends for a new listener) who play a in the
training listens; tags(a) is the cosine of a's tag profile (the tags users put on it, scaled to unit length) with the
sum of the profiles of the listener's known artists; taste(a) = p̄·q_a, p̄ the mean vector of the friends. The weights
depend on the number of known listens n and were chosen on validation data (docs/coldstart.md): n = 1: w_f = 0.1,
w_t = 2, w_v = 8; n = 2–3: 0.25, 2, 1; n = 4–10: 0.1, 1, 0.25. Such a listener's Score is the blend's; -Explain then
names the friends ("3 of your friends play Radiohead", "your friend 275 plays Radiohead"), else the shared tag ("tagged
indie, like Muse"), else "close to your friends' taste", before the model's own reason. -NoSocial ranks every listener
by the model alone. The friends graph and tags come with a TrainingRun; a model read from a file does not keep them
(then -Friends is refused with NoSocialData).
'@
    Parameters  = @{
        Model          = 'The model to recommend from: a TrainingRun from Invoke-MfTraining (its Model is used, and its hyperparameters for the fold-in) or a FactorModel (e.g. from Import-MfModel).'
        UserId         = 'The ids of the users to recommend for (the ids of user_artists.dat). Accepts pipeline input by value and by a property named UserId. When no user is given at all, recommends for every user of the model.'
        Listens        = 'A new listener to fold in: a hashtable of artist names or ids to play counts, such as @{ ''Radiohead'' = 120; ''Muse'' = 40 }. The listener''s vector is computed against the fixed artist factors by regularised least squares (see the description).'
        Top            = 'How many artists to recommend per listener (default 10). Fewer rows come back when there are fewer candidates.'
        IncludeListened = 'Keep the artists the listener already listens to among the candidates (they are marked Listened = $true). By default they are left out.'
        Explain        = 'Fill the Because column: the listener''s own artists that most support each recommendation, by support(j) = cos(q_j, q_a) · ln(1 + plays of j).'
        ExplainCount   = 'How many supporting artists an explanation names at most (default 3; 1 to 50).'
        Friends        = 'A new listener''s friends (with -Listens): user ids of the model''s data. For a listener with at most 10 listens their listening is blended in (see the description); an unknown id is a non-terminating error (UnknownUserId). Refused with -NoSocial, for a listener with more than 10 listens, and for a model without a friends graph (NoSocialData).'
        NoSocial       = 'Rank light listeners (at most 10 known listens) by the model alone, without the blend with their friends and tags.'
        Regularization = 'λ of the fold-in (with -Listens). Default: the run''s Regularization when -Model is a TrainingRun, else 10. 0 to 1000000.'
    }
    Inputs      = @('System.Int32', 'Any object with a UserId property (e.g. rows of Import-Csv)')
    Examples    = @(
        @{
            Title   = 'Top 10 for two users, with explanations'
            Code    = '$run = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42 | Invoke-MfTraining -Epochs 10
Get-MfRecommendation -Model $run -UserId 2, 3 -Explain'
            Remarks = 'Trains a model on the HetRec data and lists ten artists each for users 2 and 3 that they have not listened to, each with the listened artists that support it.'
        }
        @{
            Title   = 'Every user, straight to CSV'
            Code    = '$run = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42 | Invoke-MfTraining -Epochs 10
Get-MfRecommendation -Model $run -Top 5 | Export-Csv ./recommendations.csv -NoTypeInformation'
            Remarks = 'With no user given, recommends for every user of the model; each row is flat, so Export-Csv writes a clean table.'
        }
        @{
            Title   = 'Users from a CSV file'
            Code    = '$run = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42 | Invoke-MfTraining -Epochs 10
[pscustomobject]@{ UserId = 2 }, [pscustomobject]@{ UserId = 3 } | Export-Csv ./users.csv -NoTypeInformation
Import-Csv ./users.csv | Get-MfRecommendation -Model $run -Top 3'
            Remarks = 'The UserId column binds by property name.'
        }
        @{
            Title   = 'A new listener, without retraining'
            Code    = '$run = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42 | Invoke-MfTraining -Epochs 10
$two = $run.Model.Artists[0].Name, $run.Model.Artists[1].Name
Get-MfRecommendation -Model $run -Listens @{ $two[0] = 120; $two[1] = 40 } -Explain'
            Remarks = 'Folds in a listener who played the first two artists of the data 120 and 40 times. On the real data: -Listens @{ ''Radiohead'' = 120; ''Muse'' = 40 }.'
        }
        @{
            Title   = 'A new listener with one artist and two friends'
            Code    = '$run = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42 | Invoke-MfTraining -Epochs 10
$first = $run.Model.Artists[0].Name
Get-MfRecommendation -Model $run -Listens @{ $first = 50 } -Friends 2, 3 -Explain'
            Remarks = 'With one known listen the fold-in alone knows little; the blend adds what users 2 and 3 play and the tags of the known artist, and Because says so ("2 of your friends play ..."). On the real data: -Listens @{ ''Radiohead'' = 50 } -Friends 2, 275.'
        }
        @{
            Title   = 'A light user of the data, with and without the friends'
            Code    = '$split = Import-LastFmData ./hetrec2011-lastfm-2k | Split-LastFmData -Seed 42 -ColdStartUsers 5 -LightListens 2
$run = $split | Invoke-MfTraining -Epochs 10
$user = $run.Model.Users.IdOf($split.ColdStart.Users[0])
Get-MfRecommendation -Model $run -UserId $user -Top 5 -Explain
Get-MfRecommendation -Model $run -UserId $user -Top 5 -NoSocial'
            Remarks = 'The split keeps two listens of five users in Train, so they are light users of the model: the first list blends in their friends and tags automatically, the second ranks by the model alone.'
        }
    )
    Notes       = @'
Speed: on the real data (1,892 users, 17,632 artists, k = 64), the top 10 for every user takes well under a second;
see the Top10AllUsers benchmarks (build.ps1 Bench --filter *Top10AllUsers*).
'@
    Links       = @('Get-MfSimilarArtist', 'Measure-MfModel', 'Invoke-MfTraining')
}
